import { useShallow } from 'zustand/react/shallow';
import { useSelectionStore } from '../../stores/selection-store.ts';
import { ExportStudioButton } from '../FaviconStudio/StudioButton.tsx';
import { useExportStore } from './export-store.ts';
import { defaultOptions, RECIPES, type RecipeOption } from './recipe-catalog.ts';

function setOption(recipe: string, key: string, value: unknown): void {
  useExportStore.setState((state) => ({
    plan: null,
    recipes: { ...state.recipes, [recipe]: { ...state.recipes[recipe], [key]: value } },
  }));
}

function OptionField({ recipe, option, value }: { recipe: string; option: RecipeOption; value: unknown }) {
  switch (option.kind) {
    case 'select':
      return (
        <label className="field field--inline">
          <span>{option.label}</span>
          <select
            className="input"
            value={String(value ?? option.value)}
            onChange={(event) => setOption(recipe, option.key, event.target.value)}
          >
            {option.choices.map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'number':
      return (
        <label className="field field--inline">
          <span>
            {option.label}
            {option.unit ? ` (${option.unit})` : ''}
          </span>
          <input
            className="input input--number"
            type="number"
            min={option.min}
            max={option.max}
            value={Number(value ?? option.value)}
            onChange={(event) =>
              setOption(
                recipe,
                option.key,
                Math.min(option.max, Math.max(option.min, Number(event.target.value) || option.min)),
              )
            }
          />
        </label>
      );
    case 'boolean':
      return (
        <label className="check">
          <input
            type="checkbox"
            checked={Boolean(value ?? option.value)}
            onChange={(event) => setOption(recipe, option.key, event.target.checked)}
          />
          {option.label}
        </label>
      );
  }
}

/** Recipe checkboxes; a chosen recipe shows its options. */
export function RecipePicker() {
  const chosen = useExportStore(useShallow((state) => state.recipes));
  const [firstSelected] = useSelectionStore((state) => state.selected);
  return (
    <fieldset className="card">
      <legend className="card__legend">Recipes</legend>
      <ul className="recipes">
        {RECIPES.map((recipe) => {
          const options = chosen[recipe.id];
          return (
            <li key={recipe.id} className={`recipe${options ? ' recipe--on' : ''}`}>
              <label className="recipe__head">
                <input
                  type="checkbox"
                  checked={Boolean(options)}
                  onChange={(event) =>
                    useExportStore.setState((state) => {
                      const next = { ...state.recipes };
                      if (event.target.checked) next[recipe.id] = defaultOptions(recipe);
                      else delete next[recipe.id];
                      return { recipes: next, plan: null };
                    })
                  }
                />
                <span className="recipe__title">{recipe.title}</span>
                <span className="muted recipe__description">{recipe.description}</span>
              </label>
              {options && recipe.options.length > 0 && (
                <div className="recipe__options">
                  {recipe.options.map((option) => (
                    <OptionField key={option.key} recipe={recipe.id} option={option} value={options[option.key]} />
                  ))}
                  {recipe.id === 'favicon' && firstSelected && <ExportStudioButton logoId={firstSelected} />}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
