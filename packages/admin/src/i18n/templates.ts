/**
 * Core's catalogues write parameters as `{name}`; polyglot expects `%{name}`. Keys keep their dots:
 * polyglot joins nested keys with dots, so `yinfa.core` + `validation.phone` is looked up as
 * `yinfa.core.validation.phone`.
 */
export const polyglotTemplates = (catalogue: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(catalogue).map(([k, v]) => [k, v.replace(/\{(\w+)\}/g, "%{$1}")]))
