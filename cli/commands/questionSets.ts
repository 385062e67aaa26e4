import { encodeId } from '../client';
import type { CommandContext } from '../context';
import { EXIT, type ExitCode } from '../errors';
import { printJson, printTable } from '../output';

/** The fields of a question set the list shows; the rest is for `question-sets get`. */
interface QuestionSetSummary {
  questionSetId?: string;
  id?: string;
  version?: number;
  organizationId?: string;
  extends?: string;
  questions?: unknown[];
}

export async function listQuestionSets(ctx: CommandContext, options: { json?: boolean }): Promise<ExitCode> {
  const answer = await ctx
    .client()
    .json<{ questionSets: QuestionSetSummary[] }>('GET', '/api/v1/question-sets');
  const sets = answer.questionSets ?? [];
  if (options.json) printJson(ctx.io, sets);
  else
    printTable(
      ctx.io,
      ['id', 'version', 'organization', 'extends', 'questions'],
      sets.map((set) => [
        set.questionSetId ?? set.id,
        set.version,
        set.organizationId ?? '(national)',
        set.extends,
        set.questions?.length,
      ]),
    );
  return EXIT.ok;
}

export async function getQuestionSet(ctx: CommandContext, questionSetId: string): Promise<ExitCode> {
  printJson(ctx.io, await ctx.client().json('GET', `/api/v1/question-sets/${encodeId(questionSetId)}`));
  return EXIT.ok;
}
