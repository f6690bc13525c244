import { createEngine, type Engine } from '../core/engine';
import { createResponder, type Responder } from '../core/reply';

export interface Bot {
  readonly engine: Engine;
  readonly responder: Responder;
}

export async function loadBot(): Promise<Bot> {
  const engine = await createEngine();
  return { engine, responder: createResponder(engine.data, engine.config) };
}
