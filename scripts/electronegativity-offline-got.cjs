// Stands in for `got` inside @doyensec/electronegativity (see scripts/electronegativity.ts): the
// tool fetches translations from GitHub at start; Marque's checks never reach the network, so the
// fetch fails at once and the tool falls back to its bundled English strings.
module.exports = () => Promise.reject(new Error('offline: electronegativity runs without network access'));
module.exports.default = module.exports;
