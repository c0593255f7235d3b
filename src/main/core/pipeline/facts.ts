/** A job's warnings as its facts give them (facts are JSON from a worker: read defensively). */
export function factWarnings(facts: Readonly<Record<string, unknown>> | null | undefined): readonly string[] {
  const warnings = facts?.warnings;
  return Array.isArray(warnings) ? warnings.filter((w): w is string => typeof w === 'string') : [];
}
