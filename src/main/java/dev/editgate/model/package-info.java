/**
 * The model runtime: {@link dev.editgate.model.LanguageModel} and its forward pass with
 * interventions, one decoder sub-package per architecture family.
 *
 * <p>Tensor-dimension letters, the same in every file of this package and its sub-packages (shapes
 * are written {@code [B, T, H]}; a product of letters, {@code N·D}, is one flattened dimension):
 *
 * <ul>
 *   <li>B batch rows
 *   <li>T tokens of this pass (the queries)
 *   <li>S key positions an attention row sees (cached past + T)
 *   <li>H hidden size (the residual stream's width)
 *   <li>N query heads; K key/value heads (N = K·G, G query heads share one key/value head)
 *   <li>D head size
 *   <li>I MLP intermediate (inner) size
 *   <li>R rotary dimensions of a head (R ≤ D)
 *   <li>V vocabulary
 *   <li>W the width of an intervention site (its {@link dev.editgate.model.SiteKind}): H, or I at
 *       the MLP's gate, up and key sites
 * </ul>
 */
package dev.editgate.model;
