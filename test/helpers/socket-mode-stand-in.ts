import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SocketModeStandIn {
  /** The wss URL apps.connections.open should hand out. */
  url: string;
  /** Resolves when the app has connected and been greeted. */
  connected: Promise<void>;
  /** Sends an envelope to the app and resolves with its acknowledgement. */
  send(
    type: string,
    payload: Record<string, unknown>,
  ): Promise<{ envelope_id: string; payload?: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A loopback stand-in for Slack's Socket Mode WebSocket server: greets with `hello`, relays envelopes. */
export async function startSocketModeStandIn(): Promise<SocketModeStandIn> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  let socket: WebSocket | undefined;
  let counter = 0;
  const connected = new Promise<void>((resolve) => {
    server.on('connection', (ws) => {
      socket = ws;
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0LOCAL' } }));
      resolve();
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    connected,
    send: (type, payload) =>
      new Promise((resolve, reject) => {
        if (!socket) return reject(new Error('no app connected'));
        const envelopeId = `envelope-${++counter}`;
        const onMessage = (data: Buffer) => {
          const message = JSON.parse(data.toString()) as {
            envelope_id?: string;
            payload?: Record<string, unknown>;
          };
          if (message.envelope_id !== envelopeId) return;
          socket?.off('message', onMessage);
          resolve({ envelope_id: envelopeId, payload: message.payload });
        };
        socket.on('message', onMessage);
        socket.send(
          JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }),
        );
      }),
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
