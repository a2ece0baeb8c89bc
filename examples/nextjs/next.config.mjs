// paynorm needs no Next.js configuration. (The test sets the tracing root only because the app is
// built inside this repository, next to other lockfiles.)
export default process.env.PAYNORM_NEXT_ROOT
  ? { outputFileTracingRoot: process.env.PAYNORM_NEXT_ROOT, turbopack: { root: process.env.PAYNORM_NEXT_ROOT } }
  : {};
