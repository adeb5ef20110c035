// An input that searches as you type and lets you pick one option (ARIA combobox with a
// listbox popup). Arrow keys move, Enter picks, Esc closes; leaving the box with the
// text emptied clears the choice. It knows nothing of what it searches: the caller
// passes `search`.
import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from 'react';
import { useDebouncedValue } from '../lib/hooks';
import { isAbort } from '../lib/http';

export interface ComboOption {
  value: string;
  label: string;
  description?: string;
}

export interface ComboboxProps
  extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> {
  value: string | null;
  /** The text for the chosen value (the caller knows it; the box may not have searched yet). */
  selectedLabel: string;
  search: (query: string, signal: AbortSignal) => Promise<ComboOption[]>;
  onChange: (value: string | null, option: ComboOption | null) => void;
  emptyText?: string;
}

export function Combobox({
  value,
  selectedLabel,
  search,
  onChange,
  emptyText = 'No matches',
  className,
  ...inputProps
}: ComboboxProps) {
  const listId = useId();
  const [text, setText] = useState(selectedLabel);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<ComboOption[]>([]);
  const [active, setActive] = useState(-1);
  const [loading, setLoading] = useState(false);
  const [touched, setTouched] = useState(false);
  const query = useDebouncedValue(text, 200);
  const searchRef = useRef(search);
  searchRef.current = search;
  const inputRef = useRef<HTMLInputElement>(null);

  // Follow the chosen value when it changes from outside (form reset, reload).
  useEffect(() => {
    setText(selectedLabel);
  }, [selectedLabel, value]);

  useEffect(() => {
    if (!open) return;
    const ac = new AbortController();
    setLoading(true);
    // Before the user types, show the first options rather than searching for the label.
    searchRef
      .current(touched ? query.trim() : '', ac.signal)
      .then((opts) => {
        if (ac.signal.aborted) return;
        setOptions(opts);
        setActive(opts.length ? 0 : -1);
        setLoading(false);
      })
      .catch((e) => {
        if (!isAbort(e) && !ac.signal.aborted) {
          setOptions([]);
          setLoading(false);
        }
      });
    return () => ac.abort();
  }, [open, query, touched]);

  function choose(opt: ComboOption | null) {
    onChange(opt ? opt.value : null, opt);
    setText(opt ? opt.label : '');
    setOpen(false);
    setTouched(false);
  }

  function close() {
    setOpen(false);
    setTouched(false);
    setText(selectedLabel);
  }

  return (
    <div className={`combo ${className ?? ''}`.trim()}>
      <input
        ref={inputRef}
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setTouched(true);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onBlur={() => {
          // Let a click on an option land first.
          window.setTimeout(() => {
            if (document.activeElement === inputRef.current) return;
            if (text.trim() === '' && value !== null) choose(null);
            else close();
          }, 120);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            if (!open) setOpen(true);
            else setActive((a) => Math.min(options.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            if (active >= 0 && options[active]) choose(options[active]);
            else if (text.trim() === '') choose(null);
            else close();
          } else if (e.key === 'Escape' && open) {
            e.preventDefault();
            e.stopPropagation();
            close();
          }
        }}
        {...inputProps}
      />
      {value !== null && !inputProps.disabled && (
        <button
          type="button"
          className="combo-clear"
          aria-label="Clear"
          tabIndex={-1}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => choose(null)}
        >
          ×
        </button>
      )}
      {open && (
        <ul className="combo-list" id={listId} role="listbox">
          {loading && options.length === 0 && <li className="combo-empty">Searching…</li>}
          {!loading && options.length === 0 && <li className="combo-empty">{emptyText}</li>}
          {options.map((opt, i) => (
            <li
              key={opt.value}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'combo-option combo-active' : 'combo-option'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(opt)}
            >
              <span>{opt.label}</span>
              {opt.description && <span className="combo-desc">{opt.description}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
