import { createEngine, type Engine } from '../core/engine';
import { createResponder, type Responder } from '../core/reply';
import { createDialog, type Dialog } from '../conversation/dialog';

export interface Bot {
  readonly engine: Engine;
  readonly responder: Responder;
  readonly dialog: Dialog;
}

export async function loadBot(): Promise<Bot> {
  const engine = await createEngine();
  const responder = createResponder(engine.data, engine.config);
  return { engine, responder, dialog: createDialog(engine, responder) };
}
