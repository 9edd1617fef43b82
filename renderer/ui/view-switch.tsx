import { useState } from 'react';

/**
 * A choice remembered for the app session (sessionStorage: gone when the window closes).
 * Only layout choices go here, never data.
 */
export function useSessionChoice<V extends string>(key: string, values: readonly V[], initial: V) {
  const [value, setValue] = useState<V>(() => {
    try {
      const stored = sessionStorage.getItem(key);
      return values.find((v) => v === stored) ?? initial;
    } catch {
      return initial;
    }
  });
  const choose = (next: V): void => {
    setValue(next);
    try {
      sessionStorage.setItem(key, next);
    } catch {
      // WARNING: storage may be unavailable; the choice then lasts until the page unmounts.
    }
  };
  return [value, choose] as const;
}

/** Two or more mutually exclusive layouts of a section (Board / List), as toggle buttons. */
export function ViewSwitch<V extends string>(props: {
  label: string;
  values: readonly V[];
  value: V;
  onChange: (value: V) => void;
  valueLabel: (value: V) => string;
}) {
  return (
    <div className="view-switch" role="group" aria-label={props.label}>
      {props.values.map((v) => (
        <button
          key={v}
          type="button"
          className={v === props.value ? 'button' : 'button secondary'}
          aria-pressed={v === props.value}
          onClick={() => props.onChange(v)}
        >
          {props.valueLabel(v)}
        </button>
      ))}
    </div>
  );
}
