// Español (Latinoamérica). Placeholders ${0}, ${1} are the message's arguments, in order.
// Differs from es (Spain) where Latin-American usage does: "vencer" for a
// link, "presionar" a key, "video", "chat", comillas “ ”, no «».
import { str } from '@lit/localize';
import type { LocalePlurals, Translations } from '../messages.js';
import * as es from './es.js';

/** es's text, and where Latin-American usage differs, its own. */
export const templates: Translations = {
  ...es.templates,
  setEndpoint: 'Pida a su administrador que configure el atributo endpoint.',
  connecting: 'Conectándose al copiloto…',
  linkExpired: 'Este enlace al espacio de trabajo venció',
  linkExpiredHelp:
    'Abra de nuevo el espacio de trabajo desde la conversación para obtener un enlace nuevo. El espacio de trabajo continúa por sí solo cuando el escritorio del agente envía uno.',
  whisperTitle: 'El copiloto de esta conversación habla en su escritorio de agente (modo susurro)',
  whisperHelp: 'Sus sugerencias aparecen en la conversación misma, no en este espacio de trabajo.',
  refusedHelp:
    'Si la sesión acaba de comenzar, intente de nuevo. De lo contrario, comuníquese con su administrador.',
  tryAgain: 'Intentar de nuevo',
  cannotConnect: 'No es posible conectarse al copiloto',
  banner:
    'Se perdió la conexión. Las actualizaciones están en pausa; sus respuestas se enviarán cuando se restablezca la conexión.',
  waitingFirstTiles: 'Esperando que el flujo del copiloto envíe los primeros paneles.',
  problemUnreachable: 'No es posible acceder al endpoint del copiloto.',
  problemNoAnswer: 'El copiloto no lo confirmó a tiempo.',
  problemRefused: 'El copiloto lo rechazó.',
  problemDown: 'Se cayó la conexión con el copiloto. Intente de nuevo cuando se restablezca.',
  problemDropped:
    'La conexión se cortó antes de que el copiloto lo confirmara; es posible que no haya llegado.',
  problemRateLimited: 'Demasiados mensajes a la vez; se volverá a enviar automáticamente.',
  problemStoreUnavailable:
    'El copiloto no puede guardarlo en este momento; se volverá a enviar automáticamente.',
  titleChat: 'Chat',
  noMessages: 'Aún no hay mensajes.',
  moreCharacters: str`… ${0} caracteres más que no se muestran`,
  stillRecognised: '(aún en reconocimiento)',
  replyPendingPaused: 'Pendiente, se enviará cuando se restablezca la conexión',
  replyRetrying: 'No enviado: demasiados mensajes, reintentando',
  attachmentVideo: 'video adjunto',
  chipSsn: 'número de seguro social',
  logHint:
    'Con las flechas se lee mensaje por mensaje; Inicio y Fin llevan al primero y al más reciente.',
  copyBlocked: 'Aquí no se puede copiar: presione Ctrl+C',
  insertedReplyBox: 'Agregado al cuadro de respuesta',
  briefTitle: 'Síntesis de la transferencia',
  wrapUpRetrying: 'Aún no enviado: reintentando',
  feedbackGroup: 'Comentarios sobre esta sugerencia',
  whatWasWrong: '¿Qué estuvo mal? (opcional)',
  reasonNotRelevant: 'No es relevante',
  feedbackSent: 'Gracias, se enviaron sus comentarios',
  noContent: 'Aún no hay contenido.',
  noCardRenderer: 'Esta versión del espacio de trabajo no incluye el motor de Adaptive Cards.',
  cannotShowTile: str`No es posible mostrar este panel: ${0}.`,
  unknownType: str`Este espacio de trabajo no puede mostrar paneles del tipo “${0}”.`,
  tileUrlNotHttp: str`su URL usa “${0}”; solo se muestran páginas http y https`,
  cardFailed: 'No fue posible mostrar esta tarjeta.',
  cardFailedBecause: str`No fue posible mostrar esta tarjeta: ${0}`,
  moreCharactersOne: str`… ${0} carácter más que no se muestra`,
};

/** As es: `many` (CLDR: millions) reads as `other` with digits ("1 000 000 …"). */
export const plurals: LocalePlurals = es.plurals;
