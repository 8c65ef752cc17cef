// Entity schemas and the validation every write goes through. No I/O here.
export const schemas = {};

export function validate(entity, input) {
  const schema = schemas[entity];
  if (!schema) {
    throw new Error(`unknown entity: ${entity}`);
  }
  const errors = [];
  const value = {};
  for (const [name, field] of Object.entries(schema)) {
    const given = input?.[name];
    if (given === undefined || given === null || given === '') {
      if (field.required) errors.push(`${name} is required`);
      continue;
    }
    if (matchesType(field.type, given)) {
      value[name] = given;
    } else {
      errors.push(`${name} must be a ${field.type}`);
    }
  }
  if (errors.length > 0) {
    const error = new Error(errors.join(', '));
    error.status = 400;
    throw error;
  }
  return value;
}

function matchesType(type, value) {
  switch (type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'boolean': return typeof value === 'boolean';
    case 'date': return typeof value === 'string' && !Number.isNaN(Date.parse(value));
    default: return typeof value === 'string';
  }
}
