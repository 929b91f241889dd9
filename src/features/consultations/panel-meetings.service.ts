// Meetings of a consultation (spotkania konsultacyjne), kept by its department's staff.
import type { Db } from '../../db/client.js';
import { ConflictError, NotFoundError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { warsawInstant, warsawParts } from '../../lib/dates.js';
import { audit } from '../audit/audit.service.js';
import { findManageableConsultation } from './consultations.policy.js';
import type { MeetingInput } from './panel-meetings.schema.js';

interface Context {
  db: Db;
  actor: Actor;
  ip?: string | undefined;
}

async function editableConsultation({ db, actor }: Context, consultationId: number) {
  const consultation = await findManageableConsultation(db, actor, consultationId);
  if (consultation.archivedAt) throw new ConflictError('panel.consultations.archivedReadOnly');
  return consultation;
}

async function findMeeting(db: Db, consultationId: number, meetingId: number) {
  const meeting = await db.meeting.findFirst({ where: { id: meetingId, consultationId } });
  if (!meeting) throw new NotFoundError();
  return meeting;
}

function dataOf(input: MeetingInput) {
  return {
    title: input.title,
    startsAt: warsawInstant(input.date, input.startTime),
    endsAt: input.endTime ? warsawInstant(input.date, input.endTime) : null,
    place: input.place,
    onlineUrl: input.onlineUrl,
    description: input.description,
  };
}

export async function getMeetingForEdit(ctx: Context, consultationId: number, meetingId: number) {
  const consultation = await editableConsultation(ctx, consultationId);
  const meeting = await findMeeting(ctx.db, consultationId, meetingId);
  const start = warsawParts(meeting.startsAt);
  return {
    consultation,
    values: {
      title: meeting.title,
      date: start.date,
      startTime: start.time,
      endTime: meeting.endsAt ? warsawParts(meeting.endsAt).time : '',
      place: meeting.place,
      onlineUrl: meeting.onlineUrl,
      description: meeting.description,
    },
  };
}

export async function consultationForMeetings(ctx: Context, consultationId: number) {
  return editableConsultation(ctx, consultationId);
}

export async function addMeeting(ctx: Context, consultationId: number, input: MeetingInput) {
  await editableConsultation(ctx, consultationId);
  await ctx.db.$transaction(async (tx) => {
    const meeting = await tx.meeting.create({ data: { ...dataOf(input), consultationId } });
    await audit(tx, { userId: ctx.actor.id, action: 'meeting.create', entityType: 'Meeting', entityId: meeting.id, details: { consultationId }, ip: ctx.ip });
  });
}

export async function updateMeeting(ctx: Context, consultationId: number, meetingId: number, input: MeetingInput) {
  await editableConsultation(ctx, consultationId);
  await findMeeting(ctx.db, consultationId, meetingId);
  await ctx.db.$transaction(async (tx) => {
    await tx.meeting.update({ where: { id: meetingId }, data: dataOf(input) });
    await audit(tx, { userId: ctx.actor.id, action: 'meeting.update', entityType: 'Meeting', entityId: meetingId, details: { consultationId }, ip: ctx.ip });
  });
}

export async function removeMeeting(ctx: Context, consultationId: number, meetingId: number) {
  await editableConsultation(ctx, consultationId);
  await findMeeting(ctx.db, consultationId, meetingId);
  await ctx.db.$transaction(async (tx) => {
    await tx.meeting.delete({ where: { id: meetingId } });
    await audit(tx, { userId: ctx.actor.id, action: 'meeting.delete', entityType: 'Meeting', entityId: meetingId, details: { consultationId }, ip: ctx.ip });
  });
}
