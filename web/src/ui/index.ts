// The app's building blocks. Nothing here knows about contacts, companies or users.
export { Alert } from './Alert';
export { Avatar } from './Avatar';
export { Badge, type BadgeTone } from './Badge';
export { Button, ButtonLink } from './Button';
export { Combobox, type ComboOption } from './Combobox';
export { DetailList, type DetailItem } from './DetailList';
export { Dialog } from './Dialog';
export { EmptyState } from './EmptyState';
export { Field, Input, Select, TextArea } from './Field';
export { PageHeader } from './PageHeader';
export { SearchInput } from './SearchInput';
export { Loading, Spinner } from './Spinner';
export { Table, type Column } from './Table';
export { ToastProvider, useToast } from './Toast';
