import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallResult } from '../src/call-result.js';
import { compose, type Middleware, type Terminal } from '../src/compose.js';
import { MiddlewareError } from '../src/errors/middleware-error.js';
import { testContext } from './support/context.js';
import { deferred } from './support/deferred.js';

const ok = (text: string): CallResult => ({ output: { text }, usage: { requests: 1 } });

/** A middleware that logs `>name` before next() and `<name` after it. */
function tracer(name: string, log: string[]): Middleware {
  return async (_ctx, next) => {
    log.push(`>${name}`);
    try {
      return await next();
    } finally {
      log.push(`<${name}`);
    }
  };
}

describe('compose', () => {
  it('runs work before next() outermost first and work after it innermost first (onion)', async () => {
    const log: string[] = [];
    const terminal: Terminal = () => {
      log.push('terminal');
      return Promise.resolve(ok('done'));
    };
    const handler = compose([tracer('a', log), tracer('b', log), tracer('c', log)], terminal);
    const result = await handler(testContext());
    assert.deepEqual(log, ['>a', '>b', '>c', 'terminal', '<c', '<b', '<a']);
    assert.deepEqual((result as CallResult).output, { text: 'done' });
  });

  it('with no middleware calls the terminal directly', async () => {
    const result = await compose([], () => Promise.resolve(ok('bare')))(testContext());
    assert.deepEqual((result as CallResult).output, { text: 'bare' });
  });

  it('lets an outer middleware see and replace the inner result', async () => {
    const wrap: Middleware = async (_ctx, next) => {
      const inner = (await next()) as CallResult<{ text: string }>;
      return { ...inner, output: { text: `[${inner.output.text}]` } };
    };
    const result = await compose([wrap], () => Promise.resolve(ok('x')))(testContext());
    assert.deepEqual((result as CallResult).output, { text: '[x]' });
  });

  it('short-circuits: a middleware that returns without next() stops later middleware and the terminal', async () => {
    const log: string[] = [];
    const cache: Middleware = () => {
      log.push('cache hit');
      return Promise.resolve(ok('cached'));
    };
    const handler = compose([tracer('a', log), cache, tracer('c', log)], () => {
      log.push('terminal');
      return Promise.resolve(ok('fresh'));
    });
    const result = await handler(testContext());
    assert.deepEqual((result as CallResult).output, { text: 'cached' });
    assert.deepEqual(log, ['>a', 'cache hit', '<a']);
  });

  it('propagates a terminal error outward through every layer, where an outer catch sees it', async () => {
    const log: string[] = [];
    const boom = new Error('provider down');
    let caught: unknown;
    const outer: Middleware = async (_ctx, next) => {
      try {
        return await next();
      } catch (error) {
        caught = error;
        throw error;
      }
    };
    const handler = compose([outer, tracer('b', log)], () => Promise.reject(boom));
    await assert.rejects(handler(testContext()), (error) => error === boom);
    assert.equal(caught, boom);
    assert.deepEqual(log, ['>b', '<b']);
  });

  it('lets an outer middleware recover from an inner error', async () => {
    const fallback: Middleware = async (_ctx, next) => {
      try {
        return await next();
      } catch {
        return ok('fallback');
      }
    };
    const result = await compose([fallback], () => Promise.reject(new Error('no')))(testContext());
    assert.deepEqual((result as CallResult).output, { text: 'fallback' });
  });

  it('turns a middleware that throws synchronously into a rejection seen by the layers outside it', async () => {
    const log: string[] = [];
    const broken: Middleware = () => {
      throw new Error('sync bug');
    };
    const handler = compose([tracer('a', log), broken], () => {
      log.push('terminal');
      return Promise.resolve(ok('x'));
    });
    const pending = handler(testContext());
    assert.ok(pending instanceof Promise, 'the handler returns a promise even when a layer throws synchronously');
    await assert.rejects(pending, /sync bug/);
    assert.deepEqual(log, ['>a', '<a']);
  });

  it('rejects an async middleware throw without running the terminal', async () => {
    let reached = false;
    const broken: Middleware = () => Promise.reject(new Error('async bug'));
    await assert.rejects(
      compose([broken], () => {
        reached = true;
        return Promise.resolve(ok('x'));
      })(testContext()),
      /async bug/,
    );
    assert.equal(reached, false);
  });

  it('rejects next() called while a previous next() of the same middleware is still pending, with MiddlewareError middleware_misuse', async () => {
    const gate = deferred<CallResult>();
    let terminalRuns = 0;
    let second: unknown;
    const doubler: Middleware = async (_ctx, next) => {
      const first = next();
      try {
        await next();
      } catch (error) {
        second = error;
      }
      gate.resolve(ok('first'));
      return first;
    };
    const result = await compose([doubler], () => {
      terminalRuns++;
      return gate.promise;
    })(testContext());
    assert.ok(MiddlewareError.isInstance(second), `expected MiddlewareError, got ${String(second)}`);
    assert.equal(second.code, 'middleware_misuse');
    assert.equal(terminalRuns, 1, 'the concurrent next() must not reach the provider');
    assert.deepEqual((result as CallResult).output, { text: 'first' });
  });

  it('rejects a concurrent second next() even when the first one later fails', async () => {
    const gate = deferred<CallResult>();
    const doubler: Middleware = async (_ctx, next) => {
      const first = next().catch((error: unknown) => error);
      await assert.rejects(next(), (error) => MiddlewareError.isInstance(error));
      gate.reject(new Error('first failed'));
      const firstError = await first;
      return ok(String((firstError as Error).message));
    };
    const result = await compose([doubler], () => gate.promise)(testContext());
    assert.deepEqual((result as CallResult).output, { text: 'first failed' });
  });

  it('allows next() again after the previous next() settled (how retry layers work), with a fresh downstream run', async () => {
    const log: string[] = [];
    let attempt = 0;
    const retry: Middleware = async (ctx, next) => {
      for (;;) {
        try {
          return await next();
        } catch (error) {
          if (ctx.attempt >= 3) throw error;
          ctx.attempt++;
        }
      }
    };
    const handler = compose([retry, tracer('inner', log)], (ctx) => {
      attempt++;
      log.push(`terminal#${ctx.attempt}`);
      return attempt < 3 ? Promise.reject(new Error(`fail ${attempt}`)) : Promise.resolve(ok(`attempt ${ctx.attempt}`));
    });
    const result = await handler(testContext());
    assert.deepEqual((result as CallResult).output, { text: 'attempt 3' });
    assert.deepEqual(log, ['>inner', 'terminal#1', '<inner', '>inner', 'terminal#2', '<inner', '>inner', 'terminal#3', '<inner']);
  });

  it('allows next() again after the previous next() succeeded', async () => {
    let runs = 0;
    const twice: Middleware = async (_ctx, next) => {
      await next();
      return next();
    };
    const result = await compose([twice], () => Promise.resolve(ok(`run ${++runs}`)))(testContext());
    assert.deepEqual((result as CallResult).output, { text: 'run 2' });
  });

  it('passes the same context object to every layer and the terminal', async () => {
    const ctx = testContext();
    const seen: unknown[] = [];
    const mark: Middleware = (c, next) => {
      seen.push(c);
      c.state.marked = true;
      return next();
    };
    await compose([mark, mark], (c) => {
      seen.push(c);
      assert.equal(c.state.marked, true);
      return Promise.resolve(ok('x'));
    })(ctx);
    assert.deepEqual(seen, [ctx, ctx, ctx]);
    assert.ok(seen.every((c) => c === ctx));
  });

  it('copies the middleware list, so mutating the array later does not change a composed handler', async () => {
    const log: string[] = [];
    const list: Middleware[] = [tracer('a', log)];
    const handler = compose(list, () => Promise.resolve(ok('x')));
    list.push(tracer('late', log));
    await handler(testContext());
    assert.deepEqual(log, ['>a', '<a']);
  });
});
