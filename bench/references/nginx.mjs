// nginx as the plain reverse-proxy limit: one worker, upstream keep-alive, request bodies
// streamed upstream. The configuration is written per run (ports are chosen at run time)
// under the run's own prefix folder; the distribution's service is never used.
import fs from 'node:fs';
import path from 'node:path';

export function writeNginxConfig(prefixDir, { listenPort, upstreamPort }) {
  fs.mkdirSync(prefixDir, { recursive: true });
  const conf = `worker_processes 1;
daemon off;
error_log stderr warn;
pid nginx.pid;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_buffer_size 1m;
  client_max_body_size 8m;
  proxy_request_buffering off;
  client_body_temp_path client_body_temp;
  proxy_temp_path proxy_temp;
  fastcgi_temp_path fastcgi_temp;
  uwsgi_temp_path uwsgi_temp;
  scgi_temp_path scgi_temp;
  proxy_buffering on;
  proxy_buffers 16 16k;
  proxy_buffer_size 16k;
  upstream echo_backend { server 127.0.0.1:${upstreamPort}; keepalive 128; }
  server {
    listen 127.0.0.1:${listenPort} backlog=4096;
    keepalive_requests 1000000;
    keepalive_timeout 65s;
    location / {
      proxy_pass http://echo_backend;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
  const file = path.join(prefixDir, 'nginx.conf');
  fs.writeFileSync(file, conf);
  return file;
}
