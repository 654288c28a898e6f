/**
 * What `GET /<ApiName>?swagger.json|yaml` answers (MI's SwaggerGenerator): the API's own document
 * when it has one (publishSwagger, or the `_swagger` metadata a CAR or project carries), converted
 * to the asked format; otherwise the generated one. A document that is neither JSON nor YAML is a
 * 500 naming where it came from, never a crash.
 */
import { parse as parseYaml, stringify as toYamlText } from 'yaml';

export interface SwaggerAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface OwnDocument {
  text: string;
  /** Where the text came from (a registry key or a file), for the error message. */
  origin: string;
}

export function swaggerAnswer(own: OwnDocument | undefined, generated: () => object, format: 'json' | 'yaml'): SwaggerAnswer {
  if (!own) {
    const doc = generated();
    return format === 'json' ? json(JSON.stringify(doc)) : yaml(toYamlText(doc));
  }
  const text = own.text.replace(/^\uFEFF/, '');
  const isJson = text.trimStart().startsWith('{');
  if (format === 'yaml' && !isJson) return yaml(text);
  if (format === 'json' && isJson) return json(text);
  let doc: unknown;
  try {
    doc = isJson ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { status: 500, contentType: 'application/json', body: JSON.stringify({ Error: { code: '500', message: `the swagger document ${own.origin} cannot be read: ${reason}` } }) };
  }
  return format === 'json' ? json(JSON.stringify(doc)) : yaml(toYamlText(doc));
}

const json = (body: string): SwaggerAnswer => ({ status: 200, contentType: 'application/json', body });
const yaml = (body: string): SwaggerAnswer => ({ status: 200, contentType: 'application/yaml', body });
