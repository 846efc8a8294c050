/** The bridge mark, drawn inline so the header needs no extra request. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1656d8" />
      <path d="M5 21c4-7 18-7 22 0" stroke="#fff" strokeWidth="3" fill="none" strokeLinecap="round" />
      <path d="M9 21v-5M16 21v-7M23 21v-5" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
