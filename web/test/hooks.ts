// Mocha root hooks: stop the shared stack and browser once the run is over.
import { stopShared } from './stack';

export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopShared();
  },
};
