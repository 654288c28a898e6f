/**
 * MSMQ (Microsoft Message Queuing) is Windows-only: MI reaches it through a JNI bridge to the
 * Windows C++ API. This runtime runs everywhere else too, so an artifact that listens on or sends
 * to MSMQ is refused at deployment with this message rather than deployed to fail later.
 */
export const MSMQ_REFUSAL = (what: string): string =>
  `${what}, but MSMQ is a Windows-only transport (MI drives it through the Windows MSMQ API over JNI) and is not available in this runtime: the artifact is not deployed; use JMS, RabbitMQ or another broker instead`;
