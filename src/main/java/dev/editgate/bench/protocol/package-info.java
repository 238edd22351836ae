/**
 * What the capability benchmarks share: typed settings ({@link
 * dev.editgate.bench.protocol.BenchSettings}), seeded sampling, prompt templates with {@code
 * {field}} placeholders, the PPL protocol ({@link dev.editgate.bench.protocol.ChoiceRanking}:
 * log-likelihood of each option's continuation after a shared prompt, with the context computed
 * once per question when options are single tokens), and the GEN protocol ({@link
 * dev.editgate.bench.protocol.GenerativeBenchmark}: greedy generation, left-truncated prompts, stop
 * strings, extraction, judging).
 *
 * <p>Prompts follow OpenCompass' configurations as a base model sees them (rounds joined by
 * newlines). Where OpenCompass retrieves in-context examples dynamically (CommonsenseQA's MDL
 * retriever) a fixed set is used instead, so scores along an edit sequence stay comparable.
 */
package dev.editgate.bench.protocol;
