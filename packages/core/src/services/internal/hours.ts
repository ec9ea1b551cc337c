/**
 * Hours rounded to a millionth: sums and differences of fractional entries drift by a few ulps,
 * and neither a threshold nor a printed total may hinge on that (12.000000001 hours).
 */
export const exactHours = (n: number): number => Math.round(n * 1e6) / 1e6
