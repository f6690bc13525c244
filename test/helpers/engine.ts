import { createEngine, type Engine } from '../../src/core/engine';
import { createResponder, type Responder } from '../../src/core/reply';

let shared: Promise<Engine> | undefined;

/** The real engine (real dictionaries, real kuromoji), built once per test file's worker. */
export function getEngine(): Promise<Engine> {
  shared ??= createEngine();
  return shared;
}

export async function getResponder(): Promise<Responder> {
  const engine = await getEngine();
  return createResponder(engine.data, engine.config);
}
