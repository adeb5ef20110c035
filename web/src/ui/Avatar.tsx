// A round badge with initials; the colour is picked from the text so it stays stable.
const HUES = [220, 262, 190, 150, 28, 340, 200, 280];

export function Avatar({ text, seed, size = 28 }: { text: string; seed: string; size?: number }) {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  const hue = HUES[h % HUES.length];
  return (
    <span
      className="avatar"
      aria-hidden="true"
      style={{
        width: size,
        height: size,
        fontSize: Math.round(size * 0.4),
        background: `hsl(${hue} 70% 94%)`,
        color: `hsl(${hue} 45% 32%)`,
      }}
    >
      {text}
    </span>
  );
}
