// Inline icons: the media-control characters (⏮ ⏭) are missing from many system fonts.
const common = {
  width: 16,
  height: 16,
  viewBox: '0 0 16 16',
  'aria-hidden': true,
  fill: 'currentColor',
} as const

export function StepBackIcon() {
  return (
    <svg {...common}>
      <rect x="2.5" y="3" width="2" height="10" rx="0.6" />
      <path d="M13.5 3.6v8.8a.6.6 0 0 1-.93.5L6.2 8.5a.6.6 0 0 1 0-1l6.37-4.4a.6.6 0 0 1 .93.5Z" />
    </svg>
  )
}

export function StepForwardIcon() {
  return (
    <svg {...common}>
      <rect x="11.5" y="3" width="2" height="10" rx="0.6" />
      <path d="M2.5 3.6v8.8a.6.6 0 0 0 .93.5L9.8 8.5a.6.6 0 0 0 0-1L3.43 3.1a.6.6 0 0 0-.93.5Z" />
    </svg>
  )
}

export function PlayIcon() {
  return (
    <svg {...common}>
      <path d="M4 2.8v10.4a.7.7 0 0 0 1.06.6l8.3-5.2a.7.7 0 0 0 0-1.2l-8.3-5.2A.7.7 0 0 0 4 2.8Z" />
    </svg>
  )
}

export function PauseIcon() {
  return (
    <svg {...common}>
      <rect x="3.5" y="2.5" width="3" height="11" rx="0.8" />
      <rect x="9.5" y="2.5" width="3" height="11" rx="0.8" />
    </svg>
  )
}

export function ReplayIcon() {
  return (
    <svg
      {...common}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M2.8 8a5.2 5.2 0 1 0 1.6-3.75" />
      <path d="M2.8 2.6v3.1h3.1" />
    </svg>
  )
}
