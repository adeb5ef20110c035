// The app's building blocks. Nothing here knows about contacts, companies or users.
export { Alert } from './Alert';
export { ArchiveDialog } from './ArchiveDialog';
export { Avatar } from './Avatar';
export { Badge, type BadgeTone } from './Badge';
export { BoardCard, BoardColumn, useBoardDrag, type BoardCardDrag } from './Board';
export { Button, ButtonLink } from './Button';
export { Card } from './Card';
export { Combobox, type ComboOption } from './Combobox';
export { DetailCard, DetailList, type DetailItem } from './DetailList';
export { Dialog } from './Dialog';
export { DialogForm } from './DialogForm';
export { EmptyState } from './EmptyState';
export { Figure } from './Figure';
export { Field, Input, Options, Select, TextArea } from './Field';
export { FormFrame, type RecordFormProps } from './Form';
export { ListToolbar, ToolbarFilter } from './ListToolbar';
export { LoadError, RecordLoadState } from './LoadState';
export { PageHeader } from './PageHeader';
export { PagedListView } from './PagedListView';
export { RecordHeader } from './RecordHeader';
export { RecordPicker, type PickerProps } from './RecordPicker';
export { SearchInput } from './SearchInput';
export { Section } from './Section';
export { Loading, Spinner } from './Spinner';
export { Table, type Column } from './Table';
export { ToastProvider, useToast } from './Toast';
export {
  actionFailure,
  ActionFailureAlert,
  VersionedActionDialog,
  type ActionFailure,
} from './VersionedActionDialog';
