import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter'

// CI reads one plain closing line per runner: "playwright: N passed, N failed[, N skipped]".
// A retried test counts once, by its final result.
export default class SummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, TestResult['status']>()

  onTestEnd(test: TestCase, result: TestResult): void {
    this.outcomes.set(test.id, result.status)
  }

  onEnd(): void {
    let passed = 0
    let failed = 0
    let skipped = 0
    for (const status of this.outcomes.values()) {
      if (status === 'passed') passed++
      else if (status === 'skipped') skipped++
      else failed++
    }
    const tail = skipped > 0 ? `, ${skipped} skipped` : ''
    console.log(`playwright: ${passed} passed, ${failed} failed${tail}`)
  }
}
