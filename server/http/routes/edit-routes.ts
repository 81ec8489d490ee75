/**
 * Edits of actors and ties: `POST /actors`, `PATCH /actors/:id`, `DELETE /actors/:id`,
 * `PUT /ties/:kind/:source/:target`, `DELETE /ties/:kind/:source/:target`. Who may change what
 * is the edit service's to decide (a member: its own actor's profile only).
 */
import { Router, type Request } from 'express';
import type { EditReport } from '../../contract/api.ts';
import { badRequest } from '../../domain/errors.ts';
import type { EditService, TieRef } from '../../services/edit-service.ts';
import { requireAction, requireUser, userOf } from '../authenticate.ts';

function jsonBody(req: Request): unknown {
  if (!req.is('application/json')) throw badRequest('Send the fields as JSON (Content-Type: application/json).');
  return req.body;
}

function tieRef(req: Request): TieRef {
  const { kind, source, target } = req.params as Record<string, string>;
  return { kind, source, target };
}

export function editRoutes(edits: EditService): Router {
  const router = Router();

  router.post('/actors', requireAction('edit-network'), async (req, res) => {
    res.status(201).json((await edits.createActor(userOf(res)!, jsonBody(req))) satisfies EditReport);
  });

  router.patch('/actors/:id', requireUser, async (req, res) => {
    res.json((await edits.updateActor(userOf(res)!, req.params.id as string, jsonBody(req))) satisfies EditReport);
  });

  router.delete('/actors/:id', requireAction('edit-network'), async (req, res) => {
    res.json((await edits.deleteActor(userOf(res)!, req.params.id as string)) satisfies EditReport);
  });

  router.put('/ties/:kind/:source/:target', requireAction('edit-network'), async (req, res) => {
    // No body (or an empty one): weight 1, no since.
    const empty = req.is('application/json') === null || req.get('content-length') === '0';
    const body = empty ? undefined : jsonBody(req);
    res.json((await edits.putTie(userOf(res)!, tieRef(req), body)) satisfies EditReport);
  });

  router.delete('/ties/:kind/:source/:target', requireAction('edit-network'), async (req, res) => {
    res.json((await edits.deleteTie(userOf(res)!, tieRef(req))) satisfies EditReport);
  });

  return router;
}
