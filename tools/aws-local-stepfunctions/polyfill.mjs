// aws-local-stepfunctions 3.x declares Node 22 and calls Promise.withResolvers, which Node 20 lacks.
// Loaded with `node --import ./polyfill.mjs` before the library.
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
