// The one list of rules. Ids are stable: users put them in settings, config files and ignores.
import { Rule } from './types';
import { ocrBreakRule } from './ocrBreak';
import { missingBylineRule } from './missingByline';
import { articleBoundaryRule } from './articleBoundary';
import { duplicateParagraphRule } from './duplicateParagraph';
import { straySpaceRule } from './straySpace';
import { latinFragmentRule } from './latinFragment';
import { unbalancedPairRule } from './unbalancedPair';
import { markupLeftoverRule } from './markupLeftover';
import { jumpMarkerRule } from './jumpMarker';

export const RULES: readonly Rule[] = Object.freeze([
  ocrBreakRule,
  missingBylineRule,
  articleBoundaryRule,
  duplicateParagraphRule,
  straySpaceRule,
  latinFragmentRule,
  unbalancedPairRule,
  markupLeftoverRule,
  jumpMarkerRule,
]);

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
