/**
 * What the `subject-restricted` and `marketing-suppression` checks of the command policies mean
 * (Art. 18 and 21 GDPR). Installed once at start-up (`installRestrictionPolicies`); from then on
 * every command that declares them, write or read, is held to them, whichever screen runs it.
 */
import {
  marketingPurposes,
  objectedPeople,
  peopleInRecord,
  restrictedPeople,
  withdrawnMarketing,
} from '../../../shared/domain';
import { PolicyRefused, setPolicyCheck, type PolicyCheck, type PolicyContext } from '../../commands';

type Change = PolicyContext['changes'][number];

const touches = (change: Change, people: ReadonlySet<string>): boolean =>
  peopleInRecord(change.table, change.after).some((id) => people.has(id)) ||
  (change.before !== null && peopleInRecord(change.table, change.before).some((id) => people.has(id)));

// Leaves out (bulk) or refuses (anything else) the changes that touch one of `people`.
function hold(check: PolicyCheck, context: PolicyContext, people: ReadonlySet<string>): void {
  if (people.size === 0) return;
  let refused = 0;
  for (const change of context.changes) {
    if (!touches(change, people)) continue;
    if (context.leaveOut) context.leaveOut(change);
    else refused++;
  }
  if (refused > 0) throw new PolicyRefused(check, refused);
}

/**
 * A restricted person (Art. 18(2)) is stored, not processed: a command that writes or reads a
 * record about them is refused, or a bulk command goes on without their records.
 */
export function subjectRestricted(context: PolicyContext): void {
  hold('subject-restricted', context, restrictedPeople(context.model.list('restrictions')));
}

/**
 * A person who objected to direct marketing (Art. 21(3)) or withdrew a marketing consent
 * (Art. 7(3)) is left out of marketing work.
 */
export function marketingSuppression(context: PolicyContext): void {
  const { model } = context;
  const suppressed = objectedPeople(model.list('objections'));
  for (const id of withdrawnMarketing(model.list('consents'), marketingPurposes(model.list('purposes'))))
    suppressed.add(id);
  hold('marketing-suppression', context, suppressed);
}

/**
 * Switches both checks on for the whole app; returns the function that switches them back off.
 * WARNING: process-wide (see `setPolicyCheck`); the app calls this once at start-up.
 */
export function installRestrictionPolicies(): () => void {
  const undo = [
    setPolicyCheck('subject-restricted', subjectRestricted),
    setPolicyCheck('marketing-suppression', marketingSuppression),
  ];
  return () => undo.reverse().forEach((u) => u());
}
