import type { ReactNode } from 'react';

/**
 * A labelled progress bar for long import and export work. Without a total the bar is left out,
 * or shown indeterminate with `indeterminate`; `children` go after it (a cancel button).
 */
export function TransferProgress(props: {
  id: string;
  label: string;
  done?: number;
  total?: number;
  /** Announce the label to screen readers when it appears. */
  live?: boolean;
  indeterminate?: boolean;
  children?: ReactNode;
}) {
  const { id, label, done, total, live, indeterminate, children } = props;
  return (
    <div className="transfer-progress">
      <p id={id} {...(live ? { 'aria-live': 'polite' as const } : {})}>
        {label}
      </p>
      {total || indeterminate ? (
        <progress aria-labelledby={id} max={total || 1} value={total ? done : undefined} />
      ) : null}
      {children}
    </div>
  );
}
