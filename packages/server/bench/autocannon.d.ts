// The few parts of autocannon the benchmark uses (it ships no types; @types/autocannon is not a dependency).
declare module "autocannon" {
  namespace autocannon {
    interface Result {
      readonly requests: { readonly average: number }
      readonly latency: { readonly p50: number; readonly p99: number }
      readonly non2xx: number
    }
    interface Options {
      readonly url: string
      readonly connections?: number
      readonly duration?: number
      readonly headers?: Record<string, string>
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>
  export default autocannon
}
