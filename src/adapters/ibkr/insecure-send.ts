// `insecure_tls: true`: the Client Portal gateway runs on the user's machine with a self-signed
// certificate. fetch cannot skip certificate checks per request, so this one transport uses
// node:https with rejectUnauthorized off. Only for that local gateway; the config says so.
import { request as httpsRequest } from 'node:https';
import { HttpFailure, toHttpFailure, type Send } from '../http-json.js';

export const insecureSend: Send = (req) =>
  new Promise((resolve, reject) => {
    const call = httpsRequest(req.url, { method: req.method, headers: req.headers, rejectUnauthorized: false, timeout: req.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const retry = res.headers['retry-after'];
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: Array.isArray(retry) ? retry[0] : retry });
      });
      res.on('error', (error) => reject(toHttpFailure(error, req.timeoutMs)));
    });
    call.on('timeout', () => call.destroy(new HttpFailure('timeout', `no answer within ${req.timeoutMs} ms`)));
    call.on('error', (error) => reject(error instanceof HttpFailure ? error : toHttpFailure(error, req.timeoutMs)));
    call.end(req.body);
  });
