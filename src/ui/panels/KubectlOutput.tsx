/**
 * What kubectl prints. kubectl writes the server's warnings to stderr as `Warning: ...` lines before its
 * own output; they get the warning colour so they do not read as part of the result.
 */
export function KubectlOutput({ text }: { text: string }) {
  return (
    <pre className="terminal" data-testid="kubectl-output">
      {text.split('\n').map((line, i) => (
        <span key={i} className={line.startsWith('Warning: ') ? 'terminal__warning' : undefined}>
          {i > 0 && '\n'}
          {line}
        </span>
      ))}
    </pre>
  )
}
