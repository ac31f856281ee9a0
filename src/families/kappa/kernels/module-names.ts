/**
 * Names the fine-tuning tools use for a tensor (spec kappa.md §2.4, §3.2).
 * PEFT `target_modules` take module names (the parameter name minus its final
 * `.weight`); `requires_grad` loops and Axolotl `unfrozen_parameters` take
 * parameter names; Spectrum groups modules by "layer type", the dotted path
 * after the layer index (`model.layers.3.self_attn.q_proj` → `self_attn.q_proj`).
 */

/** The module that owns a parameter: `a.b.weight` → `a.b`; other names are returned unchanged. */
export function moduleName(parameterName: string): string {
  return parameterName.endsWith('.weight') ? parameterName.slice(0, -'.weight'.length) : parameterName
}

/**
 * The layer type of a module, as Spectrum's per-type quotas use it: the path
 * after the first numeric component, with later numeric components (expert
 * indices) dropped. Modules outside numbered blocks (`lm_head`) are their own type.
 */
export function layerType(module: string): string {
  const parts = module.split('.')
  const first = parts.findIndex((p) => /^\d+$/.test(p))
  if (first < 0 || first === parts.length - 1) return module
  return parts
    .slice(first + 1)
    .filter((p) => !/^\d+$/.test(p))
    .join('.')
}
