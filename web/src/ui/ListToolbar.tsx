// The bar above a list: a search box, then the filters (controls wrapped in ToolbarFilter)
// and a Clear button while anything is searched or filtered.
import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import { Button } from './Button';
import { SearchInput } from './SearchInput';

export interface ListToolbarProps {
  searchLabel: string;
  placeholder: string;
  search: string;
  onSearch: (text: string) => void;
  /** Show Clear. */
  active: boolean;
  onClear: () => void;
  children: ReactNode;
}

export function ListToolbar({ searchLabel, placeholder, search, onSearch, active, onClear, children }: ListToolbarProps) {
  return (
    <div className="toolbar" role="search">
      <SearchInput className="toolbar-search" label={searchLabel} placeholder={placeholder} value={search} onChange={onSearch} />
      <div className="toolbar-filters">
        {children}
        {active && (
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear
          </Button>
        )}
      </div>
    </div>
  );
}

/** A compact filter control (a Select, a UserSelect) with a label only screen readers see. */
export function ToolbarFilter({ label, children }: { label: string; children: ReactElement }) {
  const id = useId();
  return (
    <>
      <label className="sr-only" htmlFor={id}>
        {label}
      </label>
      {cloneElement(children, { id, className: 'select-compact' })}
    </>
  );
}
