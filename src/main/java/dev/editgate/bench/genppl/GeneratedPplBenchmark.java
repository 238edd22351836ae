package dev.editgate.bench.genppl;

import dev.editgate.bench.Benchmark;
import dev.editgate.bench.EvalContext;
import dev.editgate.bench.ItemRecord;
import dev.editgate.bench.Score;
import dev.editgate.bench.protocol.GreedyGeneration;
import dev.editgate.model.LanguageModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code generated-ppl}: the language modelling of generated answers (Lin et al. 2024, Table 3 and
 * Appendix E.1). The edited model answers each question greedily; a separate judge model scores the
 * first {@code scored_tokens} (20) tokens of each answer with a repetition penalty ({@link
 * PenalizedPerplexity}); answers shorter than that are excluded. The value is exp(Σ NLL / Σ tokens)
 * over the scored answers (each has the same count, so it is the geometric mean of their
 * perplexities); lower is better.
 */
public final class GeneratedPplBenchmark implements Benchmark {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedPplBenchmark.class);

    /** One question: its id, its prompt and its gold answer text (for the report). */
    record Question(String id, String prompt, String reference) {}

    private final List<Question> questions;
    private final Supplier<LanguageModel> judge;
    private final int maxNewTokens;
    private final int scoredTokens;
    private final double penalty;
    private final int batchSize;

    GeneratedPplBenchmark(
            List<Question> questions,
            Supplier<LanguageModel> judge,
            int maxNewTokens,
            int scoredTokens,
            double penalty,
            int batchSize) {
        this.questions = List.copyOf(questions);
        this.judge = judge;
        this.maxNewTokens = maxNewTokens;
        this.scoredTokens = scoredTokens;
        this.penalty = penalty;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return "generated-ppl";
    }

    List<Question> questions() {
        return questions;
    }

    @Override
    public Score evaluate(LanguageModel model, EvalContext context) {
        List<String> prompts = questions.stream().map(Question::prompt).toList();
        List<String> answers =
                new GreedyGeneration(model, batchSize)
                        .generate(prompts, maxNewTokens, List.of(), context.progress());
        return score(judge.get(), prompts, answers);
    }

    /** Scores given answers (one per question, in order) under {@code judge}. */
    Score score(LanguageModel judgeModel, List<String> prompts, List<String> answers) {
        List<Double> nll =
                new PenalizedPerplexity(judgeModel, scoredTokens, penalty, batchSize)
                        .nll(prompts, answers);
        List<ItemRecord> records = new ArrayList<>();
        double sum = 0;
        long tokens = 0;
        for (int i = 0; i < questions.size(); i++) {
            if (nll.get(i) == null) {
                continue;
            }
            double ppl = Math.exp(nll.get(i) / scoredTokens);
            sum += nll.get(i);
            tokens += scoredTokens;
            records.add(
                    new ItemRecord(
                                    questions.get(i).id(),
                                    prompts.get(i),
                                    answers.get(i),
                                    questions.get(i).reference(),
                                    true,
                                    ppl)
                            .withLogLikelihood(nll.get(i), scoredTokens));
        }
        int excluded = questions.size() - records.size();
        LOG.info(
                "generated-ppl: {} answers scored, {} shorter than {} judge tokens excluded",
                records.size(),
                excluded,
                scoredTokens);
        if (records.isEmpty()) {
            throw new IllegalStateException(
                    String.format(
                            Locale.ROOT,
                            "generated-ppl: none of the %d answers has %d judge tokens (all were"
                                    + " excluded); raise max_new_tokens (now %d) or lower"
                                    + " scored_tokens",
                            questions.size(),
                            scoredTokens,
                            maxNewTokens));
        }
        return new Score(
                "perplexity", Math.exp(sum / tokens), false, records, Score.Aggregation.PERPLEXITY);
    }
}
