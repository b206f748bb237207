import {
  type PointerEvent as ReactPointerEvent,
  type ThHTMLAttributes,
  useEffect,
  useRef,
  useState,
} from 'react'

export const MIN_COLUMN_WIDTH = 64
const STEP = 16

export interface ResizableTitleProps extends ThHTMLAttributes<HTMLTableCellElement> {
  width?: number
  /** the new width, while dragging and with the arrow keys */
  onResize?: (width: number) => void
  resizeLabel?: string
}

/**
 * A table header cell with a handle on its right edge: drag it, or focus it and press the arrow
 * keys, to change the column's width. Cells without `onResize` (selection, expand) are plain.
 */
export function ResizableTitle({ width, onResize, resizeLabel, children, ...rest }: ResizableTitleProps) {
  const cell = useRef<HTMLTableCellElement>(null)
  // a focusable separator states its value: the width as drawn until one is chosen
  const [drawn, setDrawn] = useState<number>()
  useEffect(() => {
    if (width === undefined && cell.current) setDrawn(Math.round(cell.current.getBoundingClientRect().width))
  }, [width])
  if (!onResize) return <th {...rest}>{children}</th>
  const current = () => width ?? cell.current?.getBoundingClientRect().width ?? 160
  const start = (e: ReactPointerEvent<HTMLSpanElement>) => {
    e.preventDefault()
    e.stopPropagation()
    const x0 = e.clientX
    const w0 = current()
    const move = (m: PointerEvent) => onResize(Math.max(MIN_COLUMN_WIDTH, Math.round(w0 + m.clientX - x0)))
    const up = () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
  }
  return (
    <th {...rest} ref={cell} style={{ ...rest.style, position: 'relative' }}>
      {children}
      {/* biome-ignore lint/a11y/useSemanticElements: a column divider that moves is a separator with a value */}
      <span
        className="column-resize-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={resizeLabel}
        aria-valuenow={Math.round(width ?? drawn ?? 0)}
        aria-valuemin={MIN_COLUMN_WIDTH}
        tabIndex={0}
        onPointerDown={start}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return
          e.preventDefault()
          e.stopPropagation()
          onResize(
            Math.max(MIN_COLUMN_WIDTH, Math.round(current() + (e.key === 'ArrowRight' ? STEP : -STEP))),
          )
        }}
      />
    </th>
  )
}
