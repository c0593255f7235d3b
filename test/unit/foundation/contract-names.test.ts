import { describe, expect, expectTypeOf, it } from 'vitest';
import { type EventName, events, type MethodName, methods } from '../../../src/shared/contract/index.ts';
import {
  EVENT_NAMES,
  type EventNameLiteral,
  isEventName,
  isMethodName,
  METHOD_NAMES,
  type MethodNameLiteral,
} from '../../../src/shared/contract/names.ts';

/**
 * The preload checks names against a plain list so it does not bundle zod and every schema. The
 * list is written by hand, so it is held to the contract here: the same names, no more, no fewer
 * (and the typecheck fails first, through the type assertions below).
 */
describe('the contract name list the preload uses', () => {
  it('names exactly the contract methods and events', () => {
    expectTypeOf<MethodNameLiteral>().toEqualTypeOf<MethodName>();
    expectTypeOf<EventNameLiteral>().toEqualTypeOf<EventName>();
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
  });

  it('accepts every contract name and refuses others, including inherited property names', () => {
    for (const name of Object.keys(methods)) expect(isMethodName(name), name).toBe(true);
    for (const name of Object.keys(events)) expect(isEventName(name), name).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'library', 'library.changed', ''])
      expect(isMethodName(name), name).toBe(false);
    expect(isEventName('library.list')).toBe(false);
  });
});
