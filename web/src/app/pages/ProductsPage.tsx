// The product catalogue: search (SKU, name), filter active / inactive and merchandise /
// service lines, sort, "Load more". Managers and admins add and change products; everyone
// else reads. Search and filters live in the URL.
import { useMemo } from 'react';
import { useDocumentTitle } from '../../lib/hooks';
import { useListSearch } from '../../lib/useListSearch';
import { PRODUCT_SORTS, ProductTable, useProductList, type ProductListParams, type ProductSort } from '../../modules/products';
import { isManager } from '../../modules/users';
import { ButtonLink, ListToolbar, Options, PageHeader, PagedListView, Select, ToolbarFilter } from '../../ui';
import { useAuth } from '../auth';

const DEFAULT_SORT: ProductSort = 'name';

function flag(v: string | null): boolean | undefined {
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

export function ProductsPage() {
  useDocumentTitle('Products');
  const { user } = useAuth();
  const { params, q, search, setSearch, pending, update, clear } = useListSearch(DEFAULT_SORT);
  const active = params.get('active') ?? '';
  const service = params.get('is_service') ?? '';
  const sortParam = params.get('sort') ?? '';
  const sort: ProductSort = PRODUCT_SORTS.some((s) => s.value === sortParam) ? (sortParam as ProductSort) : DEFAULT_SORT;

  const query: ProductListParams = useMemo(
    () => ({ q: q || undefined, active: flag(active), is_service: flag(service), sort }),
    [q, active, service, sort],
  );
  const list = useProductList(query);
  const filtered = !!(query.q || active || service);
  const newProduct = isManager(user) && (
    <ButtonLink to="/products/new" variant="primary">
      New product
    </ButtonLink>
  );

  return (
    <div className="page">
      <PageHeader title="Products" subtitle="The catalogue orders are made of." actions={newProduct} />
      <ListToolbar
        searchLabel="Search products"
        placeholder="Search SKU or name…"
        search={search}
        onSearch={setSearch}
        active={filtered || !!search}
        onClear={clear}
      >
        <ToolbarFilter label="Active">
          <Select value={active} onChange={(e) => update({ active: e.target.value })}>
            <Options options={[{ value: '', label: 'Active and inactive' }, { value: 'true', label: 'Active only' }, { value: 'false', label: 'Inactive only' }]} />
          </Select>
        </ToolbarFilter>
        <ToolbarFilter label="Kind of product">
          <Select value={service} onChange={(e) => update({ is_service: e.target.value })}>
            <Options options={[{ value: '', label: 'Goods and services' }, { value: 'false', label: 'Goods only' }, { value: 'true', label: 'Service lines only' }]} />
          </Select>
        </ToolbarFilter>
        <ToolbarFilter label="Sort by">
          <Select value={sort} onChange={(e) => update({ sort: e.target.value })}>
            <Options options={PRODUCT_SORTS} />
          </Select>
        </ToolbarFilter>
      </ListToolbar>
      <PagedListView list={list} one="product" many="products" filtered={filtered} createAction={newProduct}>
        <ProductTable products={list.items} busy={list.loading || pending} />
      </PagedListView>
    </div>
  );
}
