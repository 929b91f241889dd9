import type { Request, RequestHandler, Response } from 'express';
import type { Deps } from '../../deps.js';
import type { FieldErrors } from '../../http/errors.js';
import { flash } from '../../http/flash.js';
import { parseForm, renderForm, type FormValues } from '../../http/forms.js';
import { routeId } from '../../http/params.js';
import { panelUrls } from './panel-consultations.urls.js';
import { meetingSchema } from './panel-meetings.schema.js';
import * as service from './panel-meetings.service.js';

export function panelMeetingHandlers(deps: Deps) {
  const ctx = (req: Request) => ({ db: deps.db, actor: req.user!, ip: req.ip });
  const ids = (req: Request) => ({ id: routeId(req.params.id), meetingId: req.params.meetingId === undefined ? 0 : routeId(req.params.meetingId) });

  function renderMeetingForm(res: Response, consultation: { id: number; title: string }, meetingId: number | null, values: FormValues, errors?: FieldErrors) {
    renderForm(res, 'panel/consultations/meeting-form', {
      consultation,
      meetingId,
      action: meetingId ? panelUrls.meeting(consultation, { id: meetingId }) : panelUrls.meetings(consultation),
      values,
      breadcrumbs: [
        { key: 'panel.title', href: '/panel' },
        { key: 'panel.consultations.title', href: panelUrls.list() },
        { label: consultation.title, href: panelUrls.show(consultation) },
        { key: meetingId ? 'panel.meetings.edit' : 'panel.meetings.new' },
      ],
    }, errors);
  }

  const newForm: RequestHandler = async (req, res) => {
    const consultation = await service.consultationForMeetings(ctx(req), ids(req).id);
    renderMeetingForm(res, consultation, null, {});
  };

  const create: RequestHandler = async (req, res) => {
    const { id } = ids(req);
    const consultation = await service.consultationForMeetings(ctx(req), id);
    const parsed = parseForm(meetingSchema, req.body);
    if (!parsed.ok) return renderMeetingForm(res, consultation, null, parsed.values, parsed.errors);
    await service.addMeeting(ctx(req), id, parsed.data);
    flash(req, 'panel.meetings.created');
    res.redirect(303, `${panelUrls.show(consultation)}#spotkania`);
  };

  const editForm: RequestHandler = async (req, res) => {
    const { id, meetingId } = ids(req);
    const { consultation, values } = await service.getMeetingForEdit(ctx(req), id, meetingId);
    renderMeetingForm(res, consultation, meetingId, values);
  };

  const update: RequestHandler = async (req, res) => {
    const { id, meetingId } = ids(req);
    const { consultation } = await service.getMeetingForEdit(ctx(req), id, meetingId);
    const parsed = parseForm(meetingSchema, req.body);
    if (!parsed.ok) return renderMeetingForm(res, consultation, meetingId, parsed.values, parsed.errors);
    await service.updateMeeting(ctx(req), id, meetingId, parsed.data);
    flash(req, 'panel.meetings.updated');
    res.redirect(303, `${panelUrls.show(consultation)}#spotkania`);
  };

  const remove: RequestHandler = async (req, res) => {
    const { id, meetingId } = ids(req);
    await service.removeMeeting(ctx(req), id, meetingId);
    flash(req, 'panel.meetings.removed');
    res.redirect(303, `${panelUrls.show({ id })}#spotkania`);
  };

  return { newForm, create, editForm, update, remove };
}
