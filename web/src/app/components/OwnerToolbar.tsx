// The toolbar of pages that show all owners' customers or only mine (Needs attention, the
// phase board). The choice is kept in the address as ?owner=mine.
import { useSearchParams } from 'react-router-dom';
import { Select, ToolbarFilter } from '../../ui';

/** Whether the page shows only the signed-in user's customers (?owner=mine). */
export function useMineOnly(): boolean {
  const [params] = useSearchParams();
  return params.get('owner') === 'mine';
}

export function OwnerToolbar() {
  const [params, setParams] = useSearchParams();
  const mine = params.get('owner') === 'mine';
  return (
    <div className="toolbar">
      <div className="toolbar-filters">
        <ToolbarFilter label="Owner">
          <Select
            value={mine ? 'mine' : ''}
            onChange={(e) => setParams(e.target.value ? { owner: e.target.value } : {}, { replace: true })}
          >
            <option value="">All owners</option>
            <option value="mine">Mine</option>
          </Select>
        </ToolbarFilter>
      </div>
    </div>
  );
}
