import type {
  Job,
  JobOutputFile,
  JobPriority,
  JobState,
  LogoOutput,
  ParsedJobsQuery,
} from '../../../shared/contract/jobs.ts';
import type { Page } from '../../../shared/domain.ts';
import { type ErrorCode, isErrorCode } from '../../../shared/errors.ts';
import type { Db } from '../database/database.ts';
import { StatementCache } from '../database/statement-cache.ts';
import type { TaskInput } from './protocol.ts';

/** The jobs table row joined with its output (when done). */
export interface JobRow {
  seq: number;
  id: string;
  batch_id: string | null;
  logo_id: string;
  master_hash: string;
  recipe: string;
  options: string;
  processor_version: number;
  cache_key: string;
  input: string;
  priority: number;
  state: JobState;
  progress: number;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  from_cache: number;
  owner: string;
  runner: string | null;
  runner_pid: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
  out_files: string | null;
  out_facts: string | null;
}

interface OutputRow {
  logo_id: string;
  cache_key: string;
  recipe: string;
  options: string;
  master_hash: string;
  processor_version: number;
  job_id: string;
  files: string;
  facts: string | null;
  produced_at: string;
}

export interface NewJob {
  readonly id: string;
  readonly batchId: string;
  readonly logoId: string;
  readonly masterHash: string;
  readonly recipe: string;
  readonly optionsJson: string;
  readonly processorVersion: number;
  readonly cacheKey: string;
  readonly input: TaskInput;
  readonly priority: JobPriority;
}

const JOB_SELECT = `
  SELECT j.*, o.files AS out_files, o.facts AS out_facts
  FROM jobs j
  LEFT JOIN job_outputs o ON j.state = 'done' AND o.logo_id = j.logo_id AND o.cache_key = j.cache_key`;

export const PRIORITY_RANK: Record<JobPriority, number> = { interactive: 0, batch: 1 };

export function rowToJob(row: JobRow, liveProgress?: number): Job {
  return {
    id: row.id,
    batchId: row.batch_id ?? row.id,
    logoId: row.logo_id,
    recipe: row.recipe,
    options: JSON.parse(row.options) as Record<string, unknown>,
    priority: row.priority === 0 ? 'interactive' : 'batch',
    state: row.state,
    progress: row.state === 'running' && liveProgress !== undefined ? liveProgress : row.progress,
    errorCode: isErrorCode(row.error_code) ? row.error_code : row.error_code ? 'INTERNAL' : null,
    errorMessage: row.error_message,
    attempts: row.attempts,
    masterHash: row.master_hash,
    processorVersion: row.processor_version,
    fromCache: row.from_cache === 1,
    files: row.out_files ? (JSON.parse(row.out_files) as JobOutputFile[]) : [],
    facts: row.out_facts ? (JSON.parse(row.out_facts) as Record<string, unknown>) : null,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** SQL of the queue. The main process is its only writer; every state change is one statement or transaction. */
export class JobStore {
  readonly #db: Db;
  readonly #sql: StatementCache;

  constructor(db: Db) {
    this.#db = db;
    this.#sql = new StatementCache(db);
  }

  insert(jobs: readonly NewJob[], owner: string): void {
    const now = new Date().toISOString();
    const statement = this.#sql.get(
      `INSERT INTO jobs (id, batch_id, logo_id, master_hash, recipe, options, processor_version, cache_key, input, priority, state, owner, created_at, updated_at)
       VALUES (@id, @batchId, @logoId, @masterHash, @recipe, @optionsJson, @processorVersion, @cacheKey, @input, @priority, 'queued', @owner, @now, @now)`,
    );
    this.#db.transaction(() => {
      for (const job of jobs) {
        statement.run({ ...job, input: JSON.stringify(job.input), priority: PRIORITY_RANK[job.priority], owner, now });
      }
    })();
  }

  /**
   * Enqueue without duplicates (the CLI): each job's logo x cache key (recipe, options, master,
   * version) keeps one row. A queued row whose owner is gone is adopted by `owner`; a finished one
   * (done, failed, cancelled) is queued again for `owner` (a done one then completes from the
   * cache); a row a live process runs or queued is waited for as is (it will run it: taking it
   * over could leave two processes waiting on each other). Only a logo x key without any row gets
   * a new one. Returns the job ids in request order.
   */
  adoptOrInsert(jobs: readonly NewJob[], owner: string, isGone: (instance: string | null) => boolean): string[] {
    const now = new Date().toISOString();
    const existing = this.#sql.get(
      'SELECT id, state, runner, owner FROM jobs WHERE logo_id = ? AND cache_key = ? ORDER BY seq DESC',
    );
    const adopt = this.#sql.get(
      `UPDATE jobs SET state = 'queued', owner = @owner, priority = min(priority, @priority), progress = 0,
         runner = NULL, runner_pid = NULL, error_code = NULL, error_message = NULL, finished_at = NULL,
         attempts = CASE WHEN state = 'queued' THEN attempts ELSE 0 END, updated_at = @now
       WHERE id = @id AND state <> 'running'`,
    );
    return this.#db
      .transaction(() => {
        const ids: string[] = [];
        const fresh: NewJob[] = [];
        for (const job of jobs) {
          const rows = existing.all(job.logoId, job.cacheKey) as {
            id: string;
            state: JobState;
            runner: string | null;
            owner: string;
          }[];
          const live = rows.find(
            (r) =>
              (r.state === 'running' && !isGone(r.runner)) ||
              (r.state === 'queued' && r.owner !== owner && !isGone(r.owner)),
          );
          if (live) {
            ids.push(live.id);
            continue;
          }
          const pick = rows.find((r) => r.state === 'queued') ?? rows.find((r) => r.state !== 'running');
          if (pick) {
            adopt.run({ id: pick.id, owner, priority: PRIORITY_RANK[job.priority], now });
            ids.push(pick.id);
          } else {
            fresh.push(job);
            ids.push(job.id);
          }
        }
        this.insert(fresh, owner);
        return ids;
      })
      .immediate();
  }

  /**
   * Makes `owner` the owner of every queued job (of one logo, or all) whose owner is gone:
   * `marque jobs --drain` runs them. Jobs a live process queued stay its own (it runs them).
   */
  adoptQueued(owner: string, logoId: string | undefined, isGone: (instance: string | null) => boolean): string[] {
    const filter = logoId ? 'AND logo_id = @logoId' : '';
    const take = this.#sql.get(`UPDATE jobs SET owner = @owner, updated_at = @now WHERE id = @id AND state = 'queued'`);
    return this.#db
      .transaction(() => {
        const now = new Date().toISOString();
        const rows = this.#sql
          .get(`SELECT id, owner FROM jobs WHERE state = 'queued' ${filter} ORDER BY seq`)
          .all({ logoId }) as { id: string; owner: string }[];
        const adopted = rows.filter((r) => r.owner !== owner && isGone(r.owner));
        for (const row of adopted) take.run({ id: row.id, owner, now });
        return adopted.map((r) => r.id);
      })
      .immediate();
  }

  /** Ids of jobs not finished yet (queued or running), oldest first. */
  unfinished(logoId: string | undefined): string[] {
    const filter = logoId ? 'AND logo_id = @logoId' : '';
    return (
      this.#sql.get(`SELECT id FROM jobs WHERE state IN ('queued', 'running') ${filter} ORDER BY seq`).all({
        logoId,
      }) as { id: string }[]
    ).map((r) => r.id);
  }

  row(id: string): JobRow | undefined {
    return this.#sql.get(`${JOB_SELECT} WHERE j.id = ?`).get(id) as JobRow | undefined;
  }

  rows(ids: readonly string[]): JobRow[] {
    if (ids.length === 0) return [];
    const placeholders = ids.map(() => '?').join(',');
    return this.#sql.get(`${JOB_SELECT} WHERE j.id IN (${placeholders}) ORDER BY j.seq`).all(...ids) as JobRow[];
  }

  list(query: ParsedJobsQuery): Page<JobRow> {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (query.state) {
      const states = Array.isArray(query.state) ? query.state : [query.state];
      where.push(`j.state IN (${states.map((_, i) => `@state${i}`).join(',')})`);
      states.forEach((state, i) => {
        params[`state${i}`] = state;
      });
    }
    if (query.logoId) {
      where.push('j.logo_id = @logoId');
      params.logoId = query.logoId;
    }
    if (query.recipe) {
      where.push('j.recipe = @recipe');
      params.recipe = query.recipe;
    }
    const clause = where.length ? where.join(' AND ') : '1';
    const total = (this.#sql.get(`SELECT count(*) AS n FROM jobs j WHERE ${clause}`).get(params) as { n: number }).n;
    const items = this.#db
      .prepare(`${JOB_SELECT} WHERE ${clause} ORDER BY j.seq DESC LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: query.limit, offset: query.offset }) as JobRow[];
    return { items, total, offset: query.offset, limit: query.limit };
  }

  /**
   * Claims up to `limit` queued jobs for this runner, interactive first, then oldest. The claim is
   * a conditional update, so two processes on one library never run the same job.
   */
  claim(limit: number, runner: string, onlyOwner: string | null): JobRow[] {
    if (limit <= 0) return [];
    const now = new Date().toISOString();
    const pick = this.#sql.get(
      `SELECT id FROM jobs WHERE state = 'queued' ${onlyOwner ? 'AND owner = @owner' : ''} ORDER BY priority, seq LIMIT @limit`,
    );
    const take = this.#sql.get(
      `UPDATE jobs SET state = 'running', runner = @runner, runner_pid = @pid, attempts = attempts + 1, progress = 0,
         started_at = @now, updated_at = @now, error_code = NULL, error_message = NULL
       WHERE id = @id AND state = 'queued'`,
    );
    // Look before taking the write lock: an idle queue (polled every few seconds) costs one read.
    if (pick.all({ owner: onlyOwner, limit: 1 }).length === 0) return [];
    const claimed = this.#db
      .transaction(() => {
        const ids: string[] = [];
        for (const { id } of pick.all({ owner: onlyOwner, limit }) as { id: string }[]) {
          if (take.run({ id, runner, pid: process.pid, now }).changes === 1) ids.push(id);
        }
        return ids;
      })
      .immediate();
    return this.rows(claimed);
  }

  /** Records a finished output and marks the job done, in one transaction. */
  markDone(
    row: JobRow,
    files: readonly JobOutputFile[],
    facts: Readonly<Record<string, unknown>> | null,
    fromCache: boolean,
    runner: string,
  ): boolean {
    const now = new Date().toISOString();
    return this.#db.transaction(() => {
      const changed = this.#sql
        .get(
          `UPDATE jobs SET state = 'done', progress = 100, from_cache = @fromCache, finished_at = @now, updated_at = @now
           WHERE id = @id AND state = 'running' AND runner = @runner`,
        )
        .run({ id: row.id, fromCache: fromCache ? 1 : 0, now, runner }).changes;
      if (changed === 0) return false;
      this.#sql
        .get(
          `INSERT INTO job_outputs (logo_id, cache_key, recipe, options, master_hash, processor_version, job_id, files, facts, produced_at)
           VALUES (@logoId, @cacheKey, @recipe, @options, @masterHash, @version, @jobId, @files, @facts, @now)
           ON CONFLICT (logo_id, cache_key) DO UPDATE SET job_id = excluded.job_id, files = excluded.files, facts = excluded.facts,
             produced_at = CASE WHEN @fromCache THEN produced_at ELSE excluded.produced_at END`,
        )
        .run({
          logoId: row.logo_id,
          cacheKey: row.cache_key,
          recipe: row.recipe,
          options: row.options,
          masterHash: row.master_hash,
          version: row.processor_version,
          jobId: row.id,
          files: JSON.stringify(files),
          facts: facts ? JSON.stringify(facts) : null,
          now,
          fromCache: fromCache ? 1 : 0,
        });
      return true;
    })();
  }

  /** Ends a running job as failed or cancelled (only if this runner still holds it); a job no thread picked up does not count as an attempt. */
  markEnded(
    id: string,
    state: 'failed' | 'cancelled',
    code: ErrorCode,
    message: string,
    runner: string,
    neverStarted = false,
  ): boolean {
    const now = new Date().toISOString();
    return (
      this.#sql
        .get(
          `UPDATE jobs SET state = @state, error_code = @code, error_message = @message, finished_at = @now, updated_at = @now,
             attempts = attempts - @uncount
           WHERE id = @id AND state = 'running' AND runner = @runner`,
        )
        .run({ id, state, code, message, now, runner, uncount: neverStarted ? 1 : 0 }).changes === 1
    );
  }

  /** Cancels a job that has not started. */
  cancelQueued(id: string): boolean {
    return this.#cancelIn(id, 'queued', 'Cancelled before it started');
  }

  /** Cancels a job another process is running; its runner's later result is then ignored (markDone checks the state). */
  cancelForeign(id: string): boolean {
    return this.#cancelIn(id, 'running', 'Cancelled while another Marque process ran it');
  }

  /** Cancels a job only if it is still in `state` (the check and the write are one statement). */
  #cancelIn(id: string, state: 'queued' | 'running', message: string): boolean {
    const now = new Date().toISOString();
    return (
      this.#sql
        .get(
          `UPDATE jobs SET state = 'cancelled', error_code = 'CANCELLED', error_message = @message,
             finished_at = @now, updated_at = @now WHERE id = @id AND state = @state`,
        )
        .run({ id, now, state, message }).changes === 1
    );
  }

  /** Hands a running job back to the queue (the studio is closing); the interrupted start does not count. */
  requeue(id: string, runner: string): void {
    this.#sql
      .get(
        `UPDATE jobs SET state = 'queued', progress = 0, runner = NULL, runner_pid = NULL, attempts = max(0, attempts - 1), updated_at = @now
         WHERE id = @id AND state = 'running' AND runner = @runner`,
      )
      .run({ id, runner, now: new Date().toISOString() });
  }

  retry(id: string): boolean {
    return (
      this.#sql
        .get(
          `UPDATE jobs SET state = 'queued', progress = 0, error_code = NULL, error_message = NULL, finished_at = NULL,
             runner = NULL, runner_pid = NULL, updated_at = @now WHERE id = @id AND state IN ('failed', 'cancelled')`,
        )
        .run({ id, now: new Date().toISOString() }).changes === 1
    );
  }

  /** Failed jobs (of one batch, or all) with their error codes, for "Retry all failed". */
  failed(batchId: string | undefined): { id: string; error_code: string | null }[] {
    const filter = batchId ? 'AND batch_id = @batchId' : '';
    return this.#sql
      .get(`SELECT id, error_code FROM jobs WHERE state = 'failed' ${filter} ORDER BY seq`)
      .all({ batchId }) as { id: string; error_code: string | null }[];
  }

  clearFinished(logoId: string | undefined): string[] {
    return this.#db.transaction(() => {
      const filter = logoId ? 'AND logo_id = @logoId' : '';
      const ids = (
        this.#sql
          .get(`SELECT id FROM jobs WHERE state IN ('done', 'failed', 'cancelled') ${filter}`)
          .all({ logoId }) as { id: string }[]
      ).map((r) => r.id);
      this.#sql.get(`DELETE FROM jobs WHERE state IN ('done', 'failed', 'cancelled') ${filter}`).run({ logoId });
      return ids;
    })();
  }

  /**
   * After a crash: jobs whose runner is gone go back to the queue, or fail once they have been
   * started `maxAttempts` times (a job that takes the process down must not loop forever).
   */
  recoverOrphans(isRunnerGone: (runner: string | null) => boolean, maxAttempts: number): string[] {
    return this.#db
      .transaction(() => {
        const now = new Date().toISOString();
        const running = this.#db
          .prepare(`SELECT id, runner, runner_pid, attempts FROM jobs WHERE state = 'running'`)
          .all() as {
          id: string;
          runner: string | null;
          runner_pid: number | null;
          attempts: number;
        }[];
        const recovered: string[] = [];
        for (const job of running) {
          if (!isRunnerGone(job.runner)) continue;
          if (job.attempts >= maxAttempts) {
            this.#sql
              .get(
                `UPDATE jobs SET state = 'failed', error_code = 'PROCESSING_FAILED', error_message = @message, finished_at = @now, updated_at = @now WHERE id = @id`,
              )
              .run({
                id: job.id,
                now,
                message: `Stopped ${job.attempts} times while running (the app quit or crashed); not started again`,
              });
          } else {
            this.#sql
              .get(
                `UPDATE jobs SET state = 'queued', progress = 0, runner = NULL, runner_pid = NULL, updated_at = @now WHERE id = @id`,
              )
              .run({ id: job.id, now });
          }
          recovered.push(job.id);
        }
        return recovered;
      })
      .immediate();
  }

  outputs(logoId: string): OutputRow[] {
    return this.#db
      .prepare('SELECT * FROM job_outputs WHERE logo_id = ? ORDER BY produced_at DESC, recipe')
      .all(logoId) as OutputRow[];
  }

  /** The output a job produced, even after the job itself was cleared from the list. */
  outputOfJob(jobId: string): OutputRow | undefined {
    const job = this.#sql.get(`SELECT logo_id, cache_key FROM jobs WHERE id = ? AND state = 'done'`).get(jobId) as
      | { logo_id: string; cache_key: string }
      | undefined;
    if (job) {
      return this.#db
        .prepare('SELECT * FROM job_outputs WHERE logo_id = ? AND cache_key = ?')
        .get(job.logo_id, job.cache_key) as OutputRow | undefined;
    }
    return this.#sql.get('SELECT * FROM job_outputs WHERE job_id = ?').get(jobId) as OutputRow | undefined;
  }
}

export function outputRowToLogoOutput(
  row: OutputRow,
  currentHash: string | null,
  currentVersion: number | null,
  available: boolean,
): LogoOutput {
  const masterChanged = currentHash !== null && row.master_hash !== currentHash;
  const processorChanged = currentVersion === null || currentVersion !== row.processor_version;
  return {
    jobId: row.job_id,
    logoId: row.logo_id,
    recipe: row.recipe,
    options: JSON.parse(row.options) as Record<string, unknown>,
    files: JSON.parse(row.files) as JobOutputFile[],
    facts: row.facts ? (JSON.parse(row.facts) as Record<string, unknown>) : null,
    producedAt: row.produced_at,
    stale: masterChanged || processorChanged,
    staleReason: masterChanged ? 'master-changed' : processorChanged ? 'processor-changed' : null,
    available,
  };
}

export type { OutputRow };
