/** The HTTPS inbound endpoint: HTTP's parameters plus TLS (MI InboundHttpsListener). */
import type { InboundProtocolDescriptor } from '../types.js';
import { HTTP_PARAMETERS } from '../http/descriptor.js';

export const httpsInboundDescriptor: InboundProtocolDescriptor = {
  protocol: 'https',
  label: 'HTTPS',
  help: 'Listens for HTTPS requests on its own port (key store and trust store from the endpoint or deployment.toml).',
  mode: 'listening',
  classNames: ['org.wso2.carbon.inbound.endpoint.protocol.https.InboundHttpsListener'],
  parameters: [
    ...HTTP_PARAMETERS,
    { name: 'keystore', type: 'xml', help: '<KeyStore xmlns=""><Location/><Type/><Password/><KeyPassword/></KeyStore>: the server certificate and key (PKCS12 or PEM here; JKS needs converting). Absent: deployment.toml\'s [keystore.primary].', group: 'TLS' },
    { name: 'truststore', type: 'xml', help: '<TrustStore xmlns=""><Location/><Type/><Password/></TrustStore>: certificates client certificates are checked against.', group: 'TLS' },
    { name: 'SSLVerifyClient', type: 'enum', values: ['none', 'optional', 'require'], default: 'none', help: 'Whether clients must present a certificate.', group: 'TLS' },
    { name: 'SSLProtocol', type: 'string', default: 'TLS', help: 'TLS protocol family.', group: 'TLS' },
    { name: 'HttpsProtocols', type: 'string', help: 'Enabled protocol versions, comma separated (TLSv1.2,TLSv1.3).', group: 'TLS' },
    { name: 'PreferredCiphers', type: 'string', help: 'Cipher suites, comma separated (OpenSSL names).', group: 'TLS' },
    { name: 'CertificateRevocationVerifier', type: 'string', help: 'Revocation checking (not performed here).', group: 'TLS' },
  ],
};
