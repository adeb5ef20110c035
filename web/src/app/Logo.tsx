// The Hearth mark, inline so it shows with the first paint.
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <path d="M16 7c3 4 7 6.5 7 11.5A7 7 0 0 1 9 18.5C9 15 11 13 12.5 11c.5 2 1.5 3 3 3.5C15 12 15 9.5 16 7z" fill="#fff" />
    </svg>
  );
}
