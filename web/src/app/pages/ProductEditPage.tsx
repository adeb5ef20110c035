// One product: managers and admins edit it (a merge patch of what changed, with If-Match;
// a 412 offers Reload) and archive it (it stays on past orders); everyone else sees the
// same form read-only.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { mergePatch } from '../../lib/forms';
import { useDocumentTitle } from '../../lib/hooks';
import type { SaveProblem } from '../../lib/saveError';
import { useSave } from '../../lib/useSave';
import {
  archiveProduct,
  formToProductInput,
  PRODUCT_FIELDS,
  ProductForm,
  productToForm,
  updateProduct,
  useProduct,
  type ProductFormValues,
} from '../../modules/products';
import { isManager } from '../../modules/users';
import { Alert, ArchiveDialog, Button, PageHeader, RecordLoadState, useToast } from '../../ui';
import { useAuth } from '../auth';
import { SaveProblemBanner } from '../components/SaveProblemBanner';

/** The banner of a product form: the save problem, and a link to the product that has the SKU. */
export function ProductSaveProblem(props: { problem: SaveProblem | null; existingId: string | null; onReload?: () => void; reloading?: boolean }) {
  return (
    <>
      <SaveProblemBanner problem={props.problem} noun="product" onReload={props.onReload} reloading={props.reloading} />
      {props.existingId && (
        <p>
          <Link to={`/products/${encodeURIComponent(props.existingId)}`}>Open the product with this SKU</Link>
        </p>
      )}
    </>
  );
}

export function ProductEditPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const toast = useToast();
  const { data: product, loading, error, reload } = useProduct(id);
  const save = useSave(PRODUCT_FIELDS);
  const [archiving, setArchiving] = useState(false);
  useDocumentTitle(product ? product.name : 'Product');

  if (loading || error || !product) {
    return <RecordLoadState loading={loading} error={error} noun="product" title="Product" back={{ to: '/products', label: 'Products' }} />;
  }

  const writable = isManager(user) && !product.archived_at;

  function submit(values: ProductFormValues) {
    if (!product) return;
    const patch = mergePatch(formToProductInput(productToForm(product)), formToProductInput(values));
    if (Object.keys(patch).length === 0) {
      navigate('/products');
      return;
    }
    void save.run(async () => {
      const saved = await updateProduct(product.id, patch, product.version);
      toast.show(`${saved.name} saved`);
      navigate('/products');
    });
  }

  return (
    <div className="page page-narrow">
      <PageHeader
        title={product.name}
        subtitle={`SKU ${product.sku}`}
        back={{ to: '/products', label: 'Products' }}
        actions={
          writable && (
            <Button variant="ghost" onClick={() => setArchiving(true)}>
              Archive
            </Button>
          )
        }
      />
      {!isManager(user) && <Alert tone="info">Only managers and administrators change products.</Alert>}
      {product.archived_at && <Alert tone="info">This product is archived. It stays on past orders.</Alert>}
      <ProductForm
        key={product.version}
        initial={productToForm(product)}
        errors={save.errors}
        busy={save.busy}
        submitLabel="Save product"
        onSubmit={submit}
        onCancel={() => navigate('/products')}
        disabled={!writable}
        banner={<ProductSaveProblem problem={save.problem} existingId={save.existingId} onReload={() => void save.reloadLatest(reload)} reloading={save.reloading} />}
      />
      <ArchiveDialog
        open={archiving}
        name={product.name}
        noun="product"
        onArchive={async () => {
          await archiveProduct(product.id, product.version);
          toast.show(`${product.name} archived`);
          navigate('/products');
        }}
        onReload={() => void reload()}
        onClose={() => setArchiving(false)}
      >
        <p>The product leaves the catalogue and cannot be put on new orders. Past orders keep it.</p>
      </ArchiveDialog>
    </div>
  );
}
