import { RichText } from './RichText'
import type { StageGuide } from './stageGuide'

/** Where popular explanations differ from the source, and where the lab simplifies. */
export function GuideNotes({ guide }: { guide: StageGuide }) {
  return (
    <>
      {guide.myth && (
        <aside className="note note--myth">
          <p className="note__title">Often explained differently</p>
          <p>
            <RichText text={guide.myth} />
          </p>
        </aside>
      )}
      {guide.simplified && (
        <aside className="note note--simplified">
          <p className="note__title">Simplified in this lab</p>
          <p>
            <RichText text={guide.simplified} />
          </p>
        </aside>
      )}
    </>
  )
}
