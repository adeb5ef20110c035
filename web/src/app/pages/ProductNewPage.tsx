// Create a product (managers and admins). Field errors (422) appear next to their fields;
// a SKU already in use (409) links the product that has it.
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDocumentTitle } from '../../lib/hooks';
import { useSave } from '../../lib/useSave';
import { createProduct, formToProductInput, PRODUCT_FIELDS, ProductForm, productToForm, type ProductFormValues } from '../../modules/products';
import { PageHeader, useToast } from '../../ui';
import { ProductSaveProblem } from './ProductEditPage';

export function ProductNewPage() {
  useDocumentTitle('New product');
  const navigate = useNavigate();
  const toast = useToast();
  const save = useSave(PRODUCT_FIELDS);
  const [initial] = useState(() => productToForm());

  function submit(values: ProductFormValues) {
    void save.run(async () => {
      const created = await createProduct(formToProductInput(values));
      toast.show(`${created.name} created`);
      navigate('/products');
    });
  }

  return (
    <div className="page page-narrow">
      <PageHeader title="New product" back={{ to: '/products', label: 'Products' }} />
      <ProductForm
        initial={initial}
        errors={save.errors}
        busy={save.busy}
        submitLabel="Create product"
        onSubmit={submit}
        onCancel={() => navigate('/products')}
        banner={<ProductSaveProblem problem={save.problem} existingId={save.existingId} />}
      />
    </div>
  );
}
