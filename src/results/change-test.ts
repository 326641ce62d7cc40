/**
 * The change tests of the editions (goals, the løpende oversikt): kept with the statistical methods
 * (src/indicators/methods/change-test.ts), where the engine's development test uses them too.
 */
export { ALPHA, POWER, testChange, testGapChange, type ChangeMethod, type ChangeOutcome, type ChangeTest, type ChangeValue } from '../indicators/methods/change-test.js';
