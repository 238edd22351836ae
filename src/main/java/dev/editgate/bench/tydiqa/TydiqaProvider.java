package dev.editgate.bench.tydiqa;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.protocol.BenchSettings;
import dev.editgate.bench.protocol.GenItem;
import dev.editgate.bench.protocol.PromptTemplate;
import dev.editgate.bench.protocol.ProviderSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code tydiqa}: TyDiQA-GoldP, 0-shot GEN (OpenCompass {@code tydiqa_gen_978d2a}), metric F1 (max
 * over references), reported as the mean over languages. Settings: {@code dataset} (the GoldP
 * JSON), {@code languages} (default all), {@code template} ({@code {passage}}, {@code {question}};
 * default: OpenCompass' prompt in the question's own language), {@code max_new_tokens} (100: the
 * config's {@code max_out_len=50} sits outside its inferencer and is never read, so the model
 * default of OpenCompass' model configs applies).
 */
public final class TydiqaProvider extends ProviderSupport {
    /** OpenCompass' per-language (instruction, passage, question, answer) strings. */
    static final Map<String, String[]> PREFIXES =
            Map.ofEntries(
                    Map.entry(
                            "english",
                            new String[] {
                                "Answer the following question based on the information in the"
                                        + " given passage.",
                                "Passage:",
                                "Question:",
                                "Answer:"
                            }),
                    Map.entry(
                            "arabic",
                            new String[] {
                                "أجب على السؤال التالي بناءً على المعلومات في المقطع المعطى.",
                                "المقطع:",
                                "السؤال:",
                                "الإجابة:"
                            }),
                    Map.entry(
                            "bengali",
                            new String[] {
                                "প্রদত্ত অধ্যায়ের তথ্যের উপর ভিত্তি করে নিম্নলিখিত প্রশ্নের উত্তর দিন।",
                                "অধ্যায়:",
                                "প্রশ্ন:",
                                "উত্তর:"
                            }),
                    Map.entry(
                            "finnish",
                            new String[] {
                                "Vastaa seuraavaan kysymykseen annetun kappaleen tiedon perusteella.",
                                "Kappale:",
                                "Kysymys:",
                                "Vastaus:"
                            }),
                    Map.entry(
                            "indonesian",
                            new String[] {
                                "Jawab pertanyaan berikut berdasarkan informasi di bagian yang"
                                        + " diberikan.",
                                "Bagian:",
                                "Pertanyaan:",
                                "Jawaban:"
                            }),
                    Map.entry(
                            "korean",
                            new String[] {"주어진 문단의 정보에 기반하여 다음 질문에 답하십시오.", "문단:", "질문:", "답변:"}),
                    Map.entry(
                            "japanese",
                            new String[] {"文脈に基づいて質問に答えてください。", "ぶんしょう:", "しつもん:", "かいとう:"}),
                    Map.entry(
                            "russian",
                            new String[] {
                                "Ответьте на следующий вопрос на основе информации в данном"
                                        + " отрывке.",
                                "Отрывок:",
                                "Вопрос:",
                                "Ответ:"
                            }),
                    Map.entry(
                            "swahili",
                            new String[] {
                                "Jibu swali lifuatalo kulingana na habari kwenye kifungu"
                                        + " kilichotolewa.",
                                "Kifungu:",
                                "Swali:",
                                "Jibu:"
                            }),
                    Map.entry(
                            "telugu",
                            new String[] {
                                "ఇచ్చిన పేరాలోని సమాచారం ఆధారంగా కింది ప్రశ్నకు సమాధానం ఇవ్వండి.",
                                "పేరా:",
                                "ప్రశ్న:",
                                "సమాధానం:"
                            }),
                    Map.entry(
                            "thai",
                            new String[] {
                                "ตอบคำถามต่อไปนี้โดยอิงตามข้อมูลในตอนข้อความที่กำหนด:",
                                "ตอนข้อความ:",
                                "คำถาม:",
                                "คำตอบ:"
                            }));

    /** OpenCompass' template for {@code language} (English for a language it has none for). */
    static String template(String language) {
        String[] h = PREFIXES.getOrDefault(language, PREFIXES.get("english"));
        return h[0] + "\n\n" + h[1] + "{passage}\n" + h[2] + " {question}\n" + h[3] + " ";
    }

    public TydiqaProvider() {
        super("tydiqa", List.of("languages", "max_new_tokens"));
    }

    @Override
    protected void validateMore(BenchSettings s) {
        new PromptTemplate(s.string("template", template("english")))
                .check(List.of("passage", "question"), name());
    }

    @Override
    protected Benchmark create(BenchSettings s, Path baseDir) {
        Path file = s.path("dataset", baseDir, null);
        List<TydiqaLoader.Question> all = TydiqaLoader.load(file);
        List<String> languages = s.strings("languages");
        for (String l : languages) {
            if (!TydiqaLoader.languages(all).contains(l)) {
                throw new IllegalArgumentException(
                        "tydiqa: setting 'languages' names '"
                                + l
                                + "', absent from "
                                + file
                                + "; languages there: "
                                + TydiqaLoader.languages(all));
            }
        }
        List<TydiqaLoader.Question> kept = new ArrayList<>();
        for (TydiqaLoader.Question q : all) {
            if (languages.isEmpty() || languages.contains(q.language())) {
                kept.add(q);
            }
        }
        String custom = s.string("template", null);
        List<GenItem> items = new ArrayList<>();
        for (TydiqaLoader.Question q : sample(s, kept)) {
            PromptTemplate template =
                    new PromptTemplate(custom != null ? custom : template(q.language()));
            String prompt =
                    template.render(Map.of("passage", q.passage(), "question", q.question()));
            items.add(
                    new GenItem(q.id(), prompt, q.answers().get(0), q.answers())
                            .inGroup(q.language()));
        }
        return new TydiqaBenchmark(
                items, s.integer("max_new_tokens", 100, 1), s.integer("batch_size", 8, 1));
    }
}
