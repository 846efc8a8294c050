// Spec output for people, plus the counts in a JSON file for scripts/test.mjs.
const Mocha = require('mocha');
const { writeFileSync } = require('node:fs');

class SpecWithCounts extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = options.reporterOption?.json ?? options.reporterOptions?.json;
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      if (file) writeFileSync(file, JSON.stringify(runner.stats));
    });
  }
}
module.exports = SpecWithCounts;
