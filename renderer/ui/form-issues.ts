import type { ValidationIssue } from '../../shared/domain';

/**
 * Groups validation issues by the form field they belong to: the first path segment, or a
 * collection name with its index (`emails.0`), so a form can show each message beside its input.
 */
export function issuesByField(issues: readonly ValidationIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const [head, index] = issue.path;
    const key = typeof index === 'number' ? `${String(head)}.${index}` : String(head ?? '');
    out[key] ??= issue.code;
  }
  return out;
}
